export declare function aliasPrototypes(code: string): string;
export declare function prototypeAlias(): { name: string; transform(code: string, id: string): { code: string; map: null } | null };
