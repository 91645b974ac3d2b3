//! The front ends' own checks, one module per language.
mod common;
mod csharp;
mod go;
mod java;
mod javascript;
mod php;
mod powershell;
mod python;
mod ruby;
mod rust;
mod shell;
