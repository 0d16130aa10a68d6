export declare function hoistFunctionDeclarations(code: string): string;
export declare function espruinoHoist(): { name: string; renderChunk(code: string): { code: string; map: null } };
