// Node entry: espruino-gestures/host. Each module of this folder adds its exports here.
export {};
