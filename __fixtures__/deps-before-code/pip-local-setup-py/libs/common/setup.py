from setuptools import setup
setup(name="common", version=open("../../VERSION").read().strip())
