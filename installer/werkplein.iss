; Werkplein - Windows setup (Inno Setup 6.3 or later).
;
; Build the PyInstaller folder first (dist\werkplein, see installer\README.md), then from the
; repository root:
;
;   iscc installer\werkplein.iss
;
; which writes dist\werkplein-<version>-setup.exe. The version is read from the version
; resource of dist\werkplein\werkplein.exe, which the PyInstaller spec fills from
; werkplein\__init__.py; /DMyAppVersion=1.2.3 overrides it. With a code-signing certificate:
;
;   iscc "/Ssigntool=signtool.exe sign /fd SHA256 /tr <timestamp url> /td SHA256 /sha1 <thumbprint> $f" /DSign installer\werkplein.iss
;
; signs the setup and its uninstaller (sign werkplein.exe and werkpleinw.exe before this step).
;
; Silent install and uninstall (SCCM, Intune; see installer\README.md):
;   werkplein-<version>-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /LOG="C:\Windows\Temp\werkplein-setup.log" [/DIR="D:\Apps\Werkplein"] [/TASKS="desktopicon"]
;   "C:\Program Files\Werkplein\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART [/PURGEPROFILES=1]
; The uninstaller keeps every user's encrypted profiles (%LOCALAPPDATA%\Werkplein) unless asked:
; interactively it asks (default No); silently only /PURGEPROFILES=1 removes them.

#define MyAppName "Werkplein"
#define MyAppPublisher "Werkplein"
#define MyAppExeName "werkplein.exe"
#define MyAppGuiExeName "werkpleinw.exe"
#define BundleDir AddBackslash(SourcePath) + "..\dist\werkplein"

#ifnexist BundleDir + "\" + MyAppExeName
  #error dist\werkplein\werkplein.exe is missing: run pyinstaller installer\werkplein.spec first
#endif
#ifndef MyAppVersion
  #define MyAppVersion GetStringFileInfo(BundleDir + "\" + MyAppExeName, "ProductVersion")
#endif
#if MyAppVersion == ""
  #error no version: werkplein.exe has no version resource; pass /DMyAppVersion=x.y.z
#endif
#define MyAppNumericVersion GetVersionNumbersString(BundleDir + "\" + MyAppExeName)

[Setup]
; The AppId identifies Werkplein to Windows across versions (upgrades, uninstall): never change it.
AppId={{D9F1E312-FB5C-49F5-B606-020D25558C7D}
AppName={#MyAppName}
AppVersion={#MyAppVersion}
AppVerName={#MyAppName} {#MyAppVersion}
AppPublisher={#MyAppPublisher}
VersionInfoVersion={#MyAppNumericVersion}
VersionInfoProductVersion={#MyAppVersion}
VersionInfoDescription={#MyAppName} setup
; per machine, for every user of the laptop: C:\Program Files\Werkplein
PrivilegesRequired=admin
DefaultDirName={autopf}\{#MyAppName}
DefaultGroupName={#MyAppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#SourcePath}..\dist
OutputBaseFilename=werkplein-{#MyAppVersion}-setup
SetupIconFile={#BundleDir}\_internal\resources\icons\werkplein.ico
UninstallDisplayIcon={app}\{#MyAppExeName}
UninstallDisplayName={#MyAppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; a running Werkplein holds its files open: close it (Restart Manager) before replacing them
; (asks when interactive, closes them when silent; *.pyd: the Python extension modules)
CloseApplications=yes
CloseApplicationsFilter=*.exe,*.dll,*.pyd
RestartApplications=no
SetupLogging=yes
#ifdef Sign
SignTool=signtool
SignedUninstaller=yes
#endif

[Languages]
Name: "nl"; MessagesFile: "compiler:Languages\Dutch.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
nl.PurgeProfiles=Wilt u ook de Werkplein-gegevens van alle gebruikers van deze computer verwijderen?%n%nDat zijn de versleutelde profielen in %1 (%2 gevonden). Zonder back-up zijn ze daarna voorgoed weg.%n%nKies Nee om ze te bewaren (aanbevolen bij een herinstallatie of upgrade).
en.PurgeProfiles=Also delete the Werkplein data of every user of this computer?%n%nThese are the encrypted profiles in %1 (%2 found). Without a backup they are gone for good.%n%nChoose No to keep them (recommended for a reinstall or an upgrade).
nl.LaunchApp=Werkplein starten
en.LaunchApp=Start Werkplein

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; a PyInstaller folder must not keep libraries of an older version next to the new ones
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#MyAppName}"; Filename: "{app}\{#MyAppGuiExeName}"; Comment: "{#MyAppName} {#MyAppVersion}"
Name: "{autodesktop}\{#MyAppName}"; Filename: "{app}\{#MyAppGuiExeName}"; Tasks: desktopicon

[Run]
; runasoriginaluser: started as the administrator, the app would make its profile in the
; administrator's %LOCALAPPDATA% instead of the user's
Filename: "{app}\{#MyAppGuiExeName}"; Description: "{cm:LaunchApp}"; Flags: nowait postinstall skipifsilent runasoriginaluser

[UninstallDelete]
Type: dirifempty; Name: "{app}"

[Code]
const
  ProfileList = 'SOFTWARE\Microsoft\Windows NT\CurrentVersion\ProfileList';
  DataFolder = 'AppData\Local\Werkplein';

var
  PurgeProfiles: Boolean;

{ The home folders of the people who log on to this computer (local, domain and Entra ID
  accounts), from the registry: the profiles of other users are not reachable through
  constants such as localappdata, which name the account that runs the uninstaller. }
function UserHomes(): TArrayOfString;
var
  Sids: TArrayOfString;
  I, N: Integer;
  Home: String;
begin
  N := 0;
  SetArrayLength(Result, 0);
  if not RegGetSubkeyNames(HKLM64, ProfileList, Sids) then
    Exit;
  for I := 0 to GetArrayLength(Sids) - 1 do
  begin
    if (Pos('S-1-5-21-', Sids[I]) <> 1) and (Pos('S-1-12-1-', Sids[I]) <> 1) then
      Continue;
    if not RegQueryStringValue(HKLM64, ProfileList + '\' + Sids[I], 'ProfileImagePath', Home) then
      Continue;
    StringChangeEx(Home, '%SystemDrive%', GetEnv('SystemDrive'), True);
    SetArrayLength(Result, N + 1);
    Result[N] := Home;
    N := N + 1;
  end;
end;

function ProfileFolders(): TArrayOfString;
var
  Homes: TArrayOfString;
  I, N: Integer;
begin
  N := 0;
  SetArrayLength(Result, 0);
  Homes := UserHomes();
  for I := 0 to GetArrayLength(Homes) - 1 do
    if DirExists(AddBackslash(Homes[I]) + DataFolder) then
    begin
      SetArrayLength(Result, N + 1);
      Result[N] := AddBackslash(Homes[I]) + DataFolder;
      N := N + 1;
    end;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Folders: TArrayOfString;
  I: Integer;
begin
  if CurUninstallStep = usUninstall then
  begin
    Folders := ProfileFolders();
    if UninstallSilent() then
      PurgeProfiles := ExpandConstant('{param:PURGEPROFILES|0}') = '1'
    else if GetArrayLength(Folders) > 0 then
      PurgeProfiles := SuppressibleMsgBox(
        FmtMessage(CustomMessage('PurgeProfiles'),
                   ['%LOCALAPPDATA%\Werkplein', IntToStr(GetArrayLength(Folders))]),
        mbConfirmation, MB_YESNO or MB_DEFBUTTON2, IDNO) = IDYES;
    if PurgeProfiles then
      Log('Werkplein: removing the profiles of all users')
    else
      Log('Werkplein: the users'' profiles are kept');
  end;
  if (CurUninstallStep = usPostUninstall) and PurgeProfiles then
  begin
    Folders := ProfileFolders();
    for I := 0 to GetArrayLength(Folders) - 1 do
      if DelTree(Folders[I], True, True, True) then
        Log('Werkplein: removed ' + Folders[I])
      else
        Log('Werkplein: could not remove ' + Folders[I] + ' (in use?)');
  end;
end;
