export declare var BOARDS: { [board: string]: { espruinoBoard: string; maxMinBytes: number } };
