// Sample data for the simulated IOM: the demo shop of Intershop's guides (inTRONICS, id 10000), its demo user
// consumer_ws, a few products (with the built-in Sterling simulator's items) and the RET/CAN return reasons of the SOAP reference's code list.
import type { SimShop } from "./state";

export const SAMPLE_USER = { user: "consumer_ws", password: "consumer_ws!" };
export const SAMPLE_TOKEN = "eyJhbGciOiJIUzI1NiJ9.conflux-iom-simulator.token";

export function sampleShops(): SimShop[] {
  return [
    {
      id: "10000",
      name: "inTRONICS",
      products: [
        { number: "1000001", name: "Notebook 14", stock: 25, reserved: 3, blocked: 2, location: "Main warehouse" },
        { number: "1000002", name: "USB-C dock", stock: 4 },
        { number: "1000003", name: "Headset", stock: 0 },
        // The built-in Sterling simulator's items, so that its orders can be exported to the built-in IOM.
        { number: "SKU-1", name: "Sterling sample item 1", stock: 100 },
        { number: "SKU-2", name: "Sterling sample item 2", stock: 100 },
        { number: "SKU-3", name: "Sterling sample item 3", stock: 100 },
        { number: "HAT-RED", name: "Red hat", stock: 100 },
      ],
      returnReasons: [
        { name: "RET010", description: "Return of goods / general", type: "RET" },
        { name: "RET100", description: "Transport damage", type: "RET" },
        { name: "CAN010", description: "Cancellation / general", type: "CAN" },
        { name: "DEF010", description: "Defect / general", type: "DEF" },
      ],
    },
    { id: "10001", name: "inSPIRED", products: [], returnReasons: [] },
  ];
}
