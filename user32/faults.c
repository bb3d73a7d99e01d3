// This package's fault table: see cdefs/wincgo.h.
#include "wincgo.h"

WINCGO_DEFINE_FAULTS;
