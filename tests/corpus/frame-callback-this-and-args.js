// a frame callback gets one argument, and a sloppy callback's this is the global object
requestAnimationFrame(function () {
  console.log('arguments:', arguments.length);
  console.log('this is the global:', this === globalThis);
});
requestAnimationFrame(function () {
  'use strict';
  console.log('strict this:', this);
});
