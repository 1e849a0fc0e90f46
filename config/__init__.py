"""The shipped default settings, installed as the package `pipeline.config_data`.

Only the .yaml files matter; this file lets importlib.resources find them (see
pipeline/core/resources.py). An office's own copies go in the folder named by
KERJASAMA_CONFIG_DIR, holding only the keys they change.
"""
