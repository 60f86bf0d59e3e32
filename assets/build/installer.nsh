; 窓口シールド — the machine-wide data folder (SPEC F14, issue 16). electron-builder includes this file in its
; per-machine NSIS installer and uninstaller (electron-builder.yml, nsis.include); test/unit/packaging/
; machineFolder.test.ts compiles it with makensis.
;
; One vault per counter PC, whichever Windows account is logged on: %ProgramData%\CounterShield\vault, readable
; and writable by one local group and by SYSTEM (backups, Windows itself) — nobody else, administrators included
; (they can take ownership when they must; every such step is visible in Windows' own security log).
;
;   install:    CounterShield-Setup.exe [/CSGROUP=<group name>]   (default "CounterShield Users")
;   uninstall:  "Uninstall CounterShield.exe" /S /allusers [/PURGEDATA]   — the data folder stays unless /PURGEDATA
;
; Written in UTF-8 with a BOM: makensis reads a file without one in the build machine's ANSI code page.

!include "FileFunc.nsh"
!include "LogicLib.nsh"

!ifndef CS_DEFAULT_GROUP
  !define CS_DEFAULT_GROUP "CounterShield Users"
!endif
!define CS_DATA_SUBDIR "CounterShield\vault"
!define CS_MARKS_SUBPATH "CounterShield\fleet-marks.json"

Var CsGroup
Var CsDataDir
Var CsMarksFile

!macro csDataDir
  ; %ProgramData% as Windows sets it (C:\ProgramData unless IT moved it); never a user's profile.
  ExpandEnvStrings $CsDataDir "%ProgramData%\${CS_DATA_SUBDIR}"
  ExpandEnvStrings $CsMarksFile "%ProgramData%\${CS_MARKS_SUBPATH}"
!macroend

!macro customInstall
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/CSGROUP=" $CsGroup
  ${If} ${Errors}
  ${OrIf} $CsGroup == ""
    StrCpy $CsGroup "${CS_DEFAULT_GROUP}"
  ${EndIf}
  !insertmacro csDataDir
  CreateDirectory "$CsDataDir"

  ; The group, unless it exists (exit 2 = "already exists", fine). A domain group given with /CSGROUP must already
  ; exist: net localgroup creates local groups only, and icacls below fails on a name it cannot resolve.
  nsExec::ExecToLog 'net localgroup "$CsGroup" /add /comment:"CounterShield counter accounts"'
  Pop $0

  ; Replace whatever the folder inherited from ProgramData (where every user may read and create) with exactly:
  ; SYSTEM full control, the group modify (read, write, delete — not change permissions or take ownership).
  ; (OI)(CI) makes every file the app creates inherit the same; /T also fixes what an earlier version left.
  nsExec::ExecToLog 'icacls "$CsDataDir" /inheritance:r /grant:r "*S-1-5-18:(OI)(CI)F" "$CsGroup:(OI)(CI)M" /T /C /Q'
  Pop $0
  ${If} $0 != "0"
    MessageBox MB_ICONSTOP|MB_OK "データフォルダー（$CsDataDir）のアクセス権を設定できませんでした（icacls の終了コード $0）。グループ「$CsGroup」があるか確認し、インストールをやり直してください。窓口シールドはこの状態では起動しません。" /SD IDOK
    SetErrorLevel 3
  ${EndIf}

  ; The machine-wide high-water marks (issue 18; electron/core/fleet/highWater.ts): the second line against a data
  ; folder copied back. Outside the vault folder on purpose — a copy of the vault must not carry it. Opened for append,
  ; so an upgrade keeps the marks already written; created empty on a new PC (the app reads empty as "never written").
  FileOpen $1 "$CsMarksFile" a
  FileClose $1
  ; Owned by Administrators, nothing inherited: SYSTEM and Administrators full control, the counter group read and
  ; write (the app runs as the clerk's account and rewrites it in place) — but not delete, not change permissions, not
  ; take ownership, so neither Explorer nor a rename can put another file in its place. Owner rights (S-1-3-4) read
  ; only, in case an owner is ever changed to a counter account.
  nsExec::ExecToLog 'icacls "$CsMarksFile" /setowner "*S-1-5-32-544" /C /Q'
  Pop $0
  nsExec::ExecToLog 'icacls "$CsMarksFile" /inheritance:r /grant:r "*S-1-5-18:F" "*S-1-5-32-544:F" "*S-1-3-4:R" "$CsGroup:(R,W)" /C /Q'
  Pop $0
  ${If} $0 != "0"
    MessageBox MB_ICONSTOP|MB_OK "PC 全体の記録ファイル（$CsMarksFile）のアクセス権を設定できませんでした（icacls の終了コード $0）。グループ「$CsGroup」があるか確認し、インストールをやり直してください。" /SD IDOK
    SetErrorLevel 3
  ${EndIf}
!macroend

!macro customUnInstall
  ; Uninstalling (and every upgrade, which runs the old uninstaller) keeps the vault and the machine-wide marks:
  ; deleting them is IT's explicit step, after a backup (docs/IT.md). The group is kept too: accounts may still be in it.
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/PURGEDATA" $R1
  ${IfNot} ${Errors}
    !insertmacro csDataDir
    RMDir /r "$CsDataDir"
    Delete "$CsMarksFile"
  ${EndIf}
!macroend
