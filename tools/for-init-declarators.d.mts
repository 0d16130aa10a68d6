export declare function moveForInitDeclarators(code: string): string;
export declare function espruinoForInit(): { name: string; renderChunk(code: string): { code: string; map: null } };
