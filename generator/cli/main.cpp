// The vanban command line: a thin layer over the library (being written).
#include <cstdio>
int main() {
    std::fputs("vanban: the command line is not built yet\n", stderr);
    return 70;
}
