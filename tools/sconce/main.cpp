// Entry point of the `sconce` command-line tool.
#include <cstdio>

int main() { std::puts("sconce"); return 0; }
