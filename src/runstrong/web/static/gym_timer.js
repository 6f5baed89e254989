// Gym-floor rest timer signals: a vibration and a short tone when the rest is over, where the
// browser allows them (sound needs a tap first, which completing a set is).
"use strict";
(function () {
  let audio = null;

  function prime() {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (audio || !Context) return;
    try {
      audio = new Context();
    } catch (error) {
      audio = null;
    }
  }

  function signal() {
    if (navigator.vibrate) navigator.vibrate([300, 150, 300]);
    if (!audio) return;
    try {
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = 880;
      gain.gain.value = 0.2;
      tone.connect(gain).connect(audio.destination);
      tone.start();
      tone.stop(audio.currentTime + 0.35);
    } catch (error) {
      /* sound is a nicety: a browser that refuses it still shows the timer */
    }
  }

  function clock(seconds) {
    const s = Math.max(0, Math.round(seconds));
    return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }

  window.runstrongRestSignal = { prime, signal, clock };
})();
