#!/usr/bin/env python3
"""Export a fitted scikit-learn tree ensemble for `espruino-gestures import-sklearn`.

Works with DecisionTreeClassifier, RandomForestClassifier and ExtraTreesClassifier
(single-output classification). Writes plain JSON: per tree the node arrays of `tree_`
(children, feature, threshold as exact doubles) and each node's class weights.

From Python:
    from export_forest import export_forest
    export_forest(model, "forest.json", feature_names=["acc_x_mean", ...])

From the shell, for a model saved with joblib or pickle:
    python3 export_forest.py model.joblib forest.json [--feature-names a,b,c]

Feature names are optional but recommended: the importer then maps each feature to the
SDK's own feature order by name (`<channel>_<ms>` for raw points, `<channel>_<stat>` for
statistics) and refuses a model whose features it cannot find.
"""
import json
import sys

FORMAT = "sklearn-tree-ensemble"
VERSION = 1


def _trees(model):
    name = type(model).__name__
    if hasattr(model, "estimators_"):
        if name not in ("RandomForestClassifier", "ExtraTreesClassifier"):
            raise ValueError(name + " is not supported (random forests, extra trees and decision trees are)")
        return name, list(model.estimators_)
    if name in ("DecisionTreeClassifier", "ExtraTreeClassifier"):
        return name, [model]
    raise ValueError(name + " is not supported (random forests, extra trees and decision trees are)")


def forest_to_dict(model, feature_names=None):
    name, estimators = _trees(model)
    if getattr(model, "n_outputs_", 1) != 1:
        raise ValueError("multi-output models are not supported")
    names = feature_names
    if names is None and hasattr(model, "feature_names_in_"):
        names = [str(n) for n in model.feature_names_in_]
    trees = []
    for est in estimators:
        t = est.tree_
        trees.append({
            "children_left": [int(v) for v in t.children_left],
            "children_right": [int(v) for v in t.children_right],
            "feature": [int(v) for v in t.feature],
            # repr() of a Python float round-trips: the JSON holds the exact doubles.
            "threshold": [float(v) for v in t.threshold],
            "value": [[float(w) for w in row[0]] for row in t.value],
        })
    import sklearn
    return {
        "format": FORMAT,
        "version": VERSION,
        "sklearn_version": sklearn.__version__,
        "estimator": name,
        "classes": [str(c) for c in model.classes_],
        "n_features": int(model.n_features_in_),
        "feature_names": list(names) if names is not None else None,
        "trees": trees,
    }


def export_forest(model, path, feature_names=None):
    with open(path, "w") as f:
        json.dump(forest_to_dict(model, feature_names), f)


def _main(argv):
    if len(argv) < 3 or argv[1] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if len(argv) > 1 and argv[1] in ("-h", "--help") else 2
    names = None
    if "--feature-names" in argv:
        names = argv[argv.index("--feature-names") + 1].split(",")
    try:
        import joblib
        model = joblib.load(argv[1])
    except ImportError:
        import pickle
        with open(argv[1], "rb") as f:
            model = pickle.load(f)
    export_forest(model, argv[2], names)
    print("wrote " + argv[2] + ": " + str(len(forest_to_dict(model, names)["trees"])) + " trees")
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv))
