using System.Numerics;
using Backprop.Data;

namespace Backprop.Training;

/// <summary>The rows of one fold of a cross-validation run.</summary>
/// <param name="Repeat">The repeat, from 0.</param>
/// <param name="Fold">The fold, from 0: its rows are <paramref name="Test"/>.</param>
/// <param name="Train">The rows trained on (the other folds, less the validation rows).</param>
/// <param name="Validation">Validation rows taken from the other folds, or null (<see cref="CrossValidationOptions.Validation"/> 0).</param>
/// <param name="Test">The fold's own rows, scored after training.</param>
public sealed record CrossValidationFold<T>(int Repeat, int Fold, Dataset<T> Train, Dataset<T>? Validation, Dataset<T> Test)
    where T : unmanaged, IFloatingPointIeee754<T>;
