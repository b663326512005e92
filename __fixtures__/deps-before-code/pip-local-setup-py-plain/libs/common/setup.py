from setuptools import setup
setup(name="common", version="1.0", long_description=open("README.md").read(), packages=["common"])
