// CInterpreter is header-only: its handlers are compiled into the Swift module that includes
// them (see include/CInterpreter.h). SwiftPM needs one source file per C target.
#include "CInterpreter.h"
