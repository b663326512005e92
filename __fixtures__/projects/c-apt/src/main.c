#include <stdio.h>

#include "stats.h"

int main(void) {
    const int samples[] = {4, 8, 15, 16, 23, 42};
    const int n = sizeof samples / sizeof samples[0];
    printf("samples: %d\n", n);
    printf("sum: %d\n", sum(samples, n));
    printf("max: %d\n", max(samples, n));
    return 0;
}
