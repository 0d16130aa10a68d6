// Node entry: espruino-gestures/host. Each module of this folder adds its exports here.
export {};
// Training (models engineer): trainers, splits, model file encoder, cost helpers.
export * from './train/index';
