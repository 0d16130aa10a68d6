// Globals both Espruino and Node have, typed here for the device build only. Timers as Espruino provides them. Only the device tsconfig includes this file;
// Node builds get the same names from @types/node.
declare function setTimeout(fn: () => void, ms?: number): any;
declare function setInterval(fn: () => void, ms?: number): any;
declare function clearTimeout(id: any): void;
declare function clearInterval(id: any): void;
declare var console: { log(...args: any[]): void };
declare function require(name: string): any;
declare function btoa(s: string): string;
declare function atob(s: string): string;
