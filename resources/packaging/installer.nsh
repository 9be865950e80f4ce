; Included by electron-builder's NSIS script (electron-builder.yml: nsis.include).
; The kiosk turns on start at login itself, as the Run-key value "Balai"
; (electron/lockdown-autostart.ts, LOGIN_ITEM_NAME). Uninstalling removes it, so Windows
; does not try to start a program that is gone.
!macro customUnInstall
  DeleteRegValue HKCU "Software\Microsoft\Windows\CurrentVersion\Run" "Balai"
!macroend
