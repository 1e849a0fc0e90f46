"""The shipped Word templates, installed as the package `pipeline.templates_data`.

Only the .docx files matter; this file lets importlib.resources find them (see
pipeline/core/resources.py). make_templates.py and make_step_templates.py regenerate them.
"""
