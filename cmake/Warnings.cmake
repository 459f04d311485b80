# The one place where the project's warning list lives. Every target of ours calls
# huzhu_warnings(); warnings are errors so they get fixed rather than scrolled past.
set(HUZHU_WARNINGS
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align
  -Wunused -Woverloaded-virtual -Wformat=2 -Wimplicit-fallthrough
  -Werror)

function(huzhu_warnings target)
  target_compile_options(${target} PRIVATE ${HUZHU_WARNINGS})
endfunction()
