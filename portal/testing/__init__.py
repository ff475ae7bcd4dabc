"""Test helpers every app's tests share: the permission-matrix row shape and the browser journey helpers. They
live in the lowest layer so any app's tests may use them."""
