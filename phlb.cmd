@echo off
rem phlb from a clone of its source (Windows): runs main.ts with the permission flags of the "phlb"
rem task in deno.json (read from there on every run: it is the one place they are written), in the
rem caller's working folder, with the caller's arguments, and exits with phlb's exit code. It prints
rem nothing of its own unless it cannot start phlb (exit 1). Put this folder on PATH, or call this
rem file by its path. Deno: deno.exe from PATH when it is the version below, else
rem "npx --yes deno@VERSION" (Node.js). Scripts made by "phlb helper" through this launcher call it
rem by its absolute path.
setlocal DisableDelayedExpansion
set "PHLB_DENO_VERSION=2.9.6"
set "PHLB_TASK="
rem The line '"phlb": "deno run FLAGS main.ts",' (each . stands for a quote: an odd number of
rem quotes in the search would hide the closing parenthesis from cmd.exe).
for /f "tokens=1,* delims=:" %%a in ('findstr /r /c:"^ *.phlb.: *.deno run " "%~dp0deno.json"') do set "PHLB_TASK=%%b"
if not defined PHLB_TASK goto no_task
set "PHLB_FLAGS=%PHLB_TASK:*deno run =%"
set "PHLB_FLAGS=%PHLB_FLAGS: main.ts",=%"
set "PHLB_FLAGS=%PHLB_FLAGS: main.ts"=%"
rem Deno's "a new release is available" note would be the launcher's output, not phlb's.
set "DENO_NO_UPDATE_CHECK=1"
rem Without Node.js on PATH, Deno links or copies itself as node.exe into its cache on every start,
rem for child processes that run node; phlb runs none (across volumes that is a 97 MB copy).
set "DENO_DISABLE_NODE_SHIM=1"
set "PHLB_DENO="
for /f "tokens=1,2" %%a in ('deno --version 2^>nul') do if "%%a"=="deno" if "%%b"=="%PHLB_DENO_VERSION%" set "PHLB_DENO=deno"
if not defined PHLB_DENO goto npx
deno run --quiet --config "%~dp0deno.json" %PHLB_FLAGS% "%~dp0main.ts" %*
exit /b %ERRORLEVEL%
:npx
where npx >nul 2>nul
if errorlevel 1 goto no_deno
rem npm's own notices (a newer npm, an installed package) would be the launcher's output too.
set "npm_config_loglevel=error"
set "npm_config_update_notifier=false"
rem npx is npx.cmd: without "call" this batch file would end when it does.
call npx --yes deno@%PHLB_DENO_VERSION% run --quiet --config "%~dp0deno.json" %PHLB_FLAGS% "%~dp0main.ts" %*
exit /b %ERRORLEVEL%
rem Messages of the launcher itself: only when phlb cannot be started.
:no_task
1>&2 echo phlb: cannot read the permission flags of the phlb task from "%~dp0deno.json"
exit /b 1
:no_deno
1>&2 echo phlb: needs Deno %PHLB_DENO_VERSION% (deno) or Node.js (npx) on PATH
exit /b 1
