export declare function buildFeatures(without?: string[]): { name: string; transform(code: string, id: string): { code: string; map: null } | null };
