;; dotnet-dockerfile for Emacs with eglot (built in from Emacs 29): add to your init file,
;; then M-x eglot in a Dockerfile buffer (or add eglot-ensure to dockerfile-mode-hook).
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               '((dockerfile-mode dockerfile-ts-mode) . ("dotnet-dockerfile-ls" "--stdio"))))
