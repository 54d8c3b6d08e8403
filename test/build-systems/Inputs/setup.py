from setuptools import Extension, setup

setup(name="seedmod", version="1.0",
      ext_modules=[Extension("seedmod", ["seedmod.c"])])
