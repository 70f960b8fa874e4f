package io.dutyroom.hub.complaints;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Residents' names and phones masked for everywhere but the roles that need them; never in a toString. */
class PersonalDataTest {

    @Test
    void aNameKeepsItsFirstCharacter() {
        assertThat(PersonalData.maskName("张伟")).isEqualTo("张*");
        assertThat(PersonalData.maskName("欧阳娜娜")).isEqualTo("欧***");
        assertThat(PersonalData.maskName("Wang Wei")).isEqualTo("W*******");
        assertThat(PersonalData.maskName("  张伟 ")).as("surrounding blanks do not count").isEqualTo("张*");
        assertThat(PersonalData.maskName("𠀋伟")).as("by character, not by char").isEqualTo("𠀋*");
    }

    @Test
    void aOneCharacterNameIsMaskedWhole() {
        assertThat(PersonalData.maskName("伟")).isEqualTo("*");
        assertThat(PersonalData.maskName("")).isEmpty();
        assertThat(PersonalData.maskName(null)).isNull();
    }

    @Test
    void aMobileKeepsItsFirstThreeAndLastFourDigits() {
        assertThat(PersonalData.maskPhone("13800001234")).isEqualTo("138****1234");
        assertThat(PersonalData.maskPhone("138 0000 1234")).isEqualTo("138****1234");
        assertThat(PersonalData.maskPhone("138-0000-1234")).isEqualTo("138****1234");
    }

    @Test
    void anyOtherNumberKeepsOnlyItsLastTwoCharacters() {
        assertThat(PersonalData.maskPhone("01012345678")).as("an 11-digit Beijing landline is no mobile").isEqualTo("*********78");
        assertThat(PersonalData.maskPhone("0755-8888-6666")).isEqualTo("**********66");
        assertThat(PersonalData.maskPhone("+86 138 0000 1234")).isEqualTo("************34");
        assertThat(PersonalData.maskPhone("8001")).isEqualTo("**01");
        assertThat(PersonalData.maskPhone("12")).isEqualTo("**");
        assertThat(PersonalData.maskPhone(null)).isNull();
    }

    @Test
    void aMaskedResidentKeepsTheUnit() {
        Resident r = new Resident("张伟", "13800001234", "3-2-1201");
        assertThat(r.masked()).isEqualTo(new Resident("张*", "138****1234", "3-2-1201"));
    }

    @Test
    void aResidentNeverPrintsNameOrPhone() {
        Resident r = new Resident("张伟", "13800001234", "3-2-1201");
        for (String printed : new String[] {r.toString(), String.valueOf(r), "complaint from " + r, r.masked().toString()}) {
            assertThat(printed).doesNotContain("张").doesNotContain("伟").doesNotContain("1380000").doesNotContain("1234")
                    .contains("3-2-1201");
        }
        assertThat(new Resident("Wang Wei", "0755-88886666", "T1-0803").toString()).isEqualTo("Resident[unit=T1-0803]");
    }
}
