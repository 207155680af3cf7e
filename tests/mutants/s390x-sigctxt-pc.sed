s/^#define UC_PC\t48/#define UC_PC\t40/
