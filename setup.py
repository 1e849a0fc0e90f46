"""Only the package list; everything else is in pyproject.toml.

Automatic discovery finds pipeline and its subpackages; the two data packages are the
top-level config/ and templates/ folders, mapped in pyproject.toml ([tool.setuptools.package-dir]).
"""
from setuptools import find_packages, setup

setup(packages=find_packages(include=["pipeline", "pipeline.*"]) + ["pipeline.config_data", "pipeline.templates_data"])
