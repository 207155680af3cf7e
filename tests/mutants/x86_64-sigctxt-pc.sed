s/^#define UC_PC\t168/#define UC_PC\t160/
