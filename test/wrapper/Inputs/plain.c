/* No Python.h: the plugin has nothing to say and must not complain. */
int add(int a, int b) { return a + b; }
