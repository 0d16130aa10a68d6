// The gesture colours, one list for the dashboard and the HTML report (`evaluate --report`):
// the dashboard loads this file as a script, the report reads it (src/host/report/palette.ts).
// Gestures take the colours in alphabetical order of their names; idle (the report only:
// the dashboard never receives idle) is grey. Plain data only: the report evaluates this file.
var GESTURE_PALETTE = {
  gestures: ['#4f46e5', '#0ea5e9', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6', '#ec4899', '#14b8a6', '#f97316', '#64748b'],
  idle: '#c4c8d4'
};
