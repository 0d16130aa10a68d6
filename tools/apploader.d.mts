export interface IconBitmap { width: number; height: number; bits: Uint8Array }
export function iconBitmap(): IconBitmap;
export function espruinoImage(icon: IconBitmap): Uint8Array;
export function iconPng(icon: IconBitmap): Buffer;
/** Writes the App Loader app folder under outDir (outDir/<id>) and returns its path. */
export function buildAppLoaderApp(outDir: string): string;
