# Builds the Windows setup: dist\werkplein (PyInstaller) and dist\werkplein-<version>-setup.exe
# (Inno Setup). Run from a checkout on a Windows 10/11 x64 build machine with Python 3.11 and
# Inno Setup 6.3+ installed (see installer\README.md):
#
#   powershell -ExecutionPolicy Bypass -File installer\build_windows.ps1 [-SignThumbprint <sha1>] [-TimestampUrl <url>]
#
# With -SignThumbprint the executables are signed before packaging, and the setup and its
# uninstaller by Inno Setup, with the certificate of that thumbprint from the certificate store
# (signtool.exe from the Windows SDK must be on PATH).
# Not run by CI (it has no Windows machine); the steps are the ones in installer\README.md.
param(
    [string]$SignThumbprint = "",
    [string]$TimestampUrl = "http://timestamp.digicert.com",
    [string]$Python = "py -3.11",
    [string]$Iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe"
)
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)

if (-not (Test-Path .venv\Scripts\python.exe)) {
    Invoke-Expression "$Python -m venv .venv"
}
& .venv\Scripts\python.exe -m pip install --quiet --upgrade pip
& .venv\Scripts\python.exe -m pip install --quiet -e . "pyinstaller>=6.10,<7"
if ($LASTEXITCODE -ne 0) { throw "pip install failed" }

& .venv\Scripts\pyinstaller.exe --noconfirm --clean --distpath dist --workpath build\pyinstaller installer\werkplein.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

# The frozen app must at least report its version and make a profile before it is packaged.
& .venv\Scripts\python.exe installer\smoke_test.py dist\werkplein\werkplein.exe --gui offscreen
if ($LASTEXITCODE -ne 0) { throw "smoke test failed" }

$isccArgs = @()
if ($SignThumbprint) {
    $sign = "signtool.exe sign /fd SHA256 /tr $TimestampUrl /td SHA256 /sha1 $SignThumbprint"
    Invoke-Expression "$sign dist\werkplein\werkplein.exe dist\werkplein\werkpleinw.exe"
    if ($LASTEXITCODE -ne 0) { throw "signing the executables failed" }
    $isccArgs += "/Ssigntool=$sign `$f"
    $isccArgs += "/DSign"
}
& $Iscc @isccArgs installer\werkplein.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
Get-ChildItem dist\werkplein-*-setup.exe
