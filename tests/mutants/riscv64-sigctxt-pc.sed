s/^#define UC_PC\t176/#define UC_PC\t184/
