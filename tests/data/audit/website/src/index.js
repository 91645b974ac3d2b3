// Nothing about GoTo here.
console.log("hello");
