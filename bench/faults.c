// This package's fault table (cdefs/wincgo.h), which wincgo.h declares.
#include "../cdefs/wincgo.h"

WINCGO_DEFINE_FAULTS;
