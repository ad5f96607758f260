//! Headless Chromium through chromedriver (filled in below).
