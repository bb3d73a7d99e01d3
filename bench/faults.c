// This package's fault table (cdefs/wincgo.h), which wincgo.h declares.
#include "wincgo.h"

WINCGO_DEFINE_FAULTS;
