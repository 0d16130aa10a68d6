export declare var BOARDS: { [board: string]: { espruinoBoard: string; maxMinBytes: number; without?: string[] } };
export declare var EXTRA_MODULES: { [module: string]: string };
