// Prefill the time zone field with the browser's own zone when the form still says UTC.
"use strict";
(function () {
  const field = document.getElementById("timezone");
  if (field && field.value === "UTC" && window.Intl) {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone) field.value = zone;
  }
})();
