s/^#define UC_LR\t424/#define UC_LR\t416/
