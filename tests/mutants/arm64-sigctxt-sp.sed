s/^#define UC_SP\t432/#define UC_SP\t424/
