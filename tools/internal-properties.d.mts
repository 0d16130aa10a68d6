export declare var INTERNAL_PROPERTIES: string[];
export declare function internalPropertyMangling(): { regex: RegExp; builtins: boolean };
