"""An independent Modbus TCP server (Debian's python3-pymodbus 3.0) for the adapter's interop test.

usage: pymodbus_server.py PORT UNIT HOLDING_JSON COILS_JSON
  HOLDING_JSON: {"address": value, ...} 16-bit holding registers
  COILS_JSON:   {"address": true|false, ...}
Serves on 127.0.0.1 only, with zero-based addresses, until killed.
"""
import json
import sys

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.server import StartTcpServer

SIZE = 256


def block(values, default):
    data = [default] * SIZE
    for address, value in values.items():
        data[int(address)] = value
    return ModbusSequentialDataBlock(0, data)


def main():
    port, unit = int(sys.argv[1]), int(sys.argv[2])
    holding, coils = json.loads(sys.argv[3]), json.loads(sys.argv[4])
    store = ModbusSlaveContext(
        di=block({}, False), co=block(coils, False), hr=block(holding, 0), ir=block({}, 0), zero_mode=True)
    context = ModbusServerContext(slaves={unit: store}, single=False)
    StartTcpServer(context=context, address=("127.0.0.1", port))


if __name__ == "__main__":
    main()
