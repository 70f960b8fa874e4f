package io.dutyroom.adapters.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RegisterDecoderTest {

    private static ModbusRegister reg(Encoding encoding, Double scale, Double offset) {
        return new ModbusRegister(RegisterTable.HOLDING, 0, encoding, null, null, scale, offset);
    }

    @Test
    void sixteenBitValuesAreSignedOrNot() {
        int[] words = {0xFFFE};
        assertThat(RegisterDecoder.decode(reg(Encoding.INT16, null, null), WordOrder.ABCD, words, 0)).isEqualTo(-2.0);
        assertThat(RegisterDecoder.decode(reg(Encoding.UINT16, null, null), WordOrder.ABCD, words, 0)).isEqualTo(65534.0);
    }

    @Test
    void scaleAndOffsetApplyAfterDecoding() {
        // an Acrel-style voltage in tenths of a volt: 2305 -> 230.5 V
        assertThat(RegisterDecoder.decode(reg(Encoding.UINT16, 0.1, null), WordOrder.ABCD, new int[] {2305}, 0)).isCloseTo(230.5, within(1e-9));
        // a temperature with an offset: raw 650 in tenths, minus 40 -> 25.0
        assertThat(RegisterDecoder.decode(reg(Encoding.INT16, 0.1, -40.0), WordOrder.ABCD, new int[] {650}, 0)).isCloseTo(25.0, within(1e-9));
    }

    @ParameterizedTest
    @EnumSource(WordOrder.class)
    void everyWordOrderRoundTripsFloatsAndIntegers(WordOrder order) {
        int[] floatWords = order.split(Float.floatToIntBits(230.25f));
        int[] intWords = order.split(-123_456_789);
        int[] uintWords = order.split((int) 4_000_000_000L);

        assertThat(RegisterDecoder.decode(reg(Encoding.FLOAT32, null, null), order, floatWords, 0)).isEqualTo(230.25);
        assertThat(RegisterDecoder.decode(reg(Encoding.INT32, null, null), order, intWords, 0)).isEqualTo(-123_456_789.0);
        assertThat(RegisterDecoder.decode(reg(Encoding.UINT32, null, null), order, uintWords, 0)).isEqualTo(4_000_000_000.0);
    }

    @Test
    void theFourOrdersPlaceBytesAsTheirNamesSay() {
        int abcd = 0x11223344;
        assertThat(WordOrder.ABCD.split(abcd)).containsExactly(0x1122, 0x3344);
        assertThat(WordOrder.CDAB.split(abcd)).containsExactly(0x3344, 0x1122);
        assertThat(WordOrder.BADC.split(abcd)).containsExactly(0x2211, 0x4433);
        assertThat(WordOrder.DCBA.split(abcd)).containsExactly(0x4433, 0x2211);
    }

    @Test
    void aBitOfAStatusWordAndACoilAreOneOrZero() {
        ModbusRegister bit3 = new ModbusRegister(RegisterTable.HOLDING, 0, Encoding.BIT, 3, null, null, null);
        assertThat(RegisterDecoder.decode(bit3, WordOrder.ABCD, new int[] {0b1000}, 0)).isEqualTo(1.0);
        assertThat(RegisterDecoder.decode(bit3, WordOrder.ABCD, new int[] {0b0111}, 0)).isEqualTo(0.0);
        ModbusRegister coil = new ModbusRegister(RegisterTable.COIL, 7, null, null, null, null, null);
        assertThat(coil.encoding()).isEqualTo(Encoding.BIT);
        assertThat(RegisterDecoder.decodeBit(coil, true)).isEqualTo(1.0);
    }

    @Test
    void aValueIsReadFromItsPlaceInALargerRead() {
        int[] words = {0, 0, 0x4366, 0x4000}; // float32 230.25 at index 2, ABCD
        assertThat(RegisterDecoder.decode(reg(Encoding.FLOAT32, null, null), WordOrder.ABCD, words, 2)).isEqualTo(230.25);
    }

    @ParameterizedTest
    @EnumSource(value = Encoding.class, names = {"INT16", "UINT16", "INT32", "UINT32", "FLOAT32"})
    void encodingIsTheInverseOfDecoding(Encoding encoding) {
        ModbusRegister register = reg(encoding, 0.1, -40.0);
        double value = encoding.name().startsWith("U") ? 123.4 : -12.3;

        int[] words = RegisterEncoder.encode(register, WordOrder.BADC, value);

        assertThat(RegisterDecoder.decode(register, WordOrder.BADC, words, 0)).isCloseTo(value, within(1e-4));
    }

    @Test
    void valuesJustPastAnEncodingsRangeAreRefusedNotWrapped() {
        assertThatThrownBy(() -> RegisterEncoder.encode(reg(Encoding.INT16, null, null), WordOrder.ABCD, 32_767.5))
                .hasMessageContaining("out of range for int16");
        assertThatThrownBy(() -> RegisterEncoder.encode(reg(Encoding.UINT16, null, null), WordOrder.ABCD, 65_535.5))
                .hasMessageContaining("out of range for uint16");
        assertThatThrownBy(() -> RegisterEncoder.encode(reg(Encoding.FLOAT32, null, null), WordOrder.ABCD, 1e300))
                .hasMessageContaining("out of range for float32");
        assertThat(RegisterEncoder.encode(reg(Encoding.INT16, null, null), WordOrder.ABCD, 32_767.4)).containsExactly(0x7FFF);
    }
}
