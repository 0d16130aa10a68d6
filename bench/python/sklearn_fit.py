"""Times scikit-learn fits for bench/train.bench.mjs on the exact rows the SDK trains on.

Input: a directory with X.f32 (row-major float32), y.i32, meta.json {n, nFeatures, nTest,
configs}. Prints one JSON line: per config, fit times in ms and hold-out accuracy.
n_jobs=1: one core, like the SDK's trainer.
"""
import json, sys, time
import numpy as np
import sklearn
from sklearn.ensemble import RandomForestClassifier, ExtraTreesClassifier
from sklearn.tree import DecisionTreeClassifier

d = sys.argv[1]
meta = json.load(open(d + '/meta.json'))
X = np.fromfile(d + '/X.f32', dtype=np.float32).reshape(meta['n'], meta['nFeatures'])
y = np.fromfile(d + '/y.i32', dtype=np.int32)
Xt = np.fromfile(d + '/Xt.f32', dtype=np.float32).reshape(meta['nTest'], meta['nFeatures'])
yt = np.fromfile(d + '/yt.i32', dtype=np.int32)
out = {'version': sklearn.__version__, 'results': []}
for c in meta['configs']:
    depth = c.get('maxDepth')
    times, accs = [], []
    for r in range(meta['repeats']):
        seed = c['seed'] + r
        if c['kind'] == 'rf':
            m = RandomForestClassifier(n_estimators=c['trees'], max_depth=depth, n_jobs=1, random_state=seed)
        elif c['kind'] == 'et':
            m = ExtraTreesClassifier(n_estimators=c['trees'], max_depth=depth, n_jobs=1, random_state=seed)
        else:
            m = DecisionTreeClassifier(max_depth=depth, random_state=seed)
        t0 = time.perf_counter()
        m.fit(X, y)
        times.append((time.perf_counter() - t0) * 1000)
        accs.append(float((m.predict(Xt) == yt).mean()))
    out['results'].append({'times': times, 'accs': accs})
print(json.dumps(out))
