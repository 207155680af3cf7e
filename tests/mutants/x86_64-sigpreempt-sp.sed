s/^#define UC_SP\t160/#define UC_SP\t152/
