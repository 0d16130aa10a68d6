// Node entry: espruino-gestures/server. Each module of this folder adds its exports here.
export {};
