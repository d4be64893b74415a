// The thread's ScriptCaller (see script_call.h).
#include "ops/script_call.h"

namespace sconce::ops {
namespace {
thread_local const ScriptCaller* tCaller = nullptr;
}  // namespace

const ScriptCaller* currentScriptCaller() { return tCaller; }

ScriptCallerScope::ScriptCallerScope(const ScriptCaller* caller) : previous_(tCaller) {
  tCaller = caller;
}

ScriptCallerScope::~ScriptCallerScope() { tCaller = previous_; }

}  // namespace sconce::ops
